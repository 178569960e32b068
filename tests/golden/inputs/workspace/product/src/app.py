"""The product's own code: the model's repository root in the repositories golden tests."""


def handler(request):
    return request
