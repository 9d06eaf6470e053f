"""aiosmtpd handler for the tests: a Maildir like aiosmtpd.handlers.Mailbox, except that recipients whose local part
starts with reject-550 are refused permanently and reject-451 temporarily, as real servers answer."""
from aiosmtpd.handlers import Mailbox


class RejectingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject-550"):
            return "550 5.1.1 mailbox unavailable"
        if address.startswith("reject-451"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
