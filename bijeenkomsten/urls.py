app_name = "bijeenkomsten"

urlpatterns: list = []
