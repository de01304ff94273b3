app_name = "single_sign_on"
urlpatterns: list = []
