from django.urls import path

from communications.thanks import views

urlpatterns = [
    path("communications/thanks/", views.thanks_list, name="thanks_list"),
    path("communications/thanks/new/", views.thanks_create, name="thanks_create"),
    path("communications/thanks/<int:pk>/", views.thanks_detail, name="thanks_detail"),
    path("communications/thanks/<int:pk>/invite/", views.thanks_invite, name="thanks_invite"),
    path("communications/thanks/<int:pk>/approve/", views.thanks_approve, name="thanks_approve"),
    path("communications/thanks/<int:pk>/reject/", views.thanks_reject, name="thanks_reject"),
]
