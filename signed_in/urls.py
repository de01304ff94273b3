app_name = "signed_in"
urlpatterns: list = []
