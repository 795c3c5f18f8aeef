app_name = "dilemmas"

urlpatterns: list = []
