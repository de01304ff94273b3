app_name = "emergency_access"
urlpatterns: list = []
