app_name = "publicaties"

urlpatterns: list = []
