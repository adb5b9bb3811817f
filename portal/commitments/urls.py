from django.urls import path

from portal.commitments import views

urlpatterns = [
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/delivery/", views.commitment_delivery, name="commitment_delivery"),
    path("commitments/<int:pk>/change/", views.commitment_change, name="commitment_change"),
]
