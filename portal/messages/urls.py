from django.urls import path

from portal.messages import views

urlpatterns = [
    path("messages/", views.message_list, name="messages"),
    path("messages/new/", views.message_send, name="message_send"),
]
