# Models arrive with their issue; the app is installed so the layering holds from the start.
