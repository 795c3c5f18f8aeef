app_name = "gemeenten"

urlpatterns: list = []
