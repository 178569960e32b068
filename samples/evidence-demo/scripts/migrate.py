"""One-off migration: renames a customer's orders (run by hand; not in the threat model)."""
import sys

import psycopg


def rename(conn, old, new):
    with conn.cursor() as cur:
        cur.execute("UPDATE orders SET customer = '" + new + "' WHERE customer = '" + old + "'")


if __name__ == "__main__":
    rename(psycopg.connect(), sys.argv[1], sys.argv[2])
