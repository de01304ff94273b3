from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's recommended setting (19 MiB, two passes, one lane).

    Django's default asks 100 MiB and eight lanes of each sign-in: on app servers
    of two cores a morning's sign-ins then queue behind each other (measured with
    `make load`). Hashes made with other settings are upgraded at the next sign-in.
    """

    memory_cost = 19_456
    time_cost = 2
    parallelism = 1
