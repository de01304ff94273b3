app_name = "watching"
urlpatterns: list = []
