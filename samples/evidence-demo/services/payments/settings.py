"""Settings of the payments API."""
import os

database_url = os.environ["DATABASE_URL"]

# Left over from a debugging session; Gitleaks found it (reports/gitleaks.sarif).
aws_access_key_id = "AKIAIOSFODNN7EXAMPLE"
