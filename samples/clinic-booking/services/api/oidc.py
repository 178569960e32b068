"""Validates the OIDC access tokens the booking site and the staff console send."""
from authlib.jose import JsonWebKey, jwt
from authlib.oauth2.rfc6750 import BearerTokenValidator
import requests


class OidcTokenValidator(BearerTokenValidator):
    def __init__(self, issuer):
        super().__init__()
        self.issuer = issuer
        config = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=5).json()
        self.keys = JsonWebKey.import_key_set(requests.get(config["jwks_uri"], timeout=5).json())

    def authenticate_token(self, token_string):
        claims = jwt.decode(token_string, self.keys,
                            claims_options={"iss": {"essential": True, "value": self.issuer}})
        claims.validate()
        return claims

    def validate_token(self, token, scopes, request):
        if not set(scopes) <= set(token.get("scope", "").split()):
            raise PermissionError("insufficient scope")
