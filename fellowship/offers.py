def offers_send(*, run, by, now=None):
    return []
