app_name = "case_notes"
urlpatterns: list = []
