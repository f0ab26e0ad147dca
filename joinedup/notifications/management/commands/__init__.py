"""`joinedup deliver_notifications`: the e-mail worker for the outbox."""
