"""The local web app: a JSON API over the store (OpenAPI at /docs) and a page to browse events."""
