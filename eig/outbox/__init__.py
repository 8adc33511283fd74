"""The e-mail outbox: every e-mail is a row, written in the transaction that causes it, then sent once
by a worker (docs/architecture.md, « E-mails: the outbox »)."""
