"""How django-axes names the account a failed login tried."""


def axes_username(request, credentials) -> str | None:
    """The email that was typed, lower-cased: login ignores case, so the lockout must too."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return username.strip().lower() if username else username
