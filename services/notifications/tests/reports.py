"""Delivery reports as mail servers send them, built with the standard library's ``email``."""

from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import SMTP
from email.utils import formatdate, make_msgid


def delivery_report(
    bounce_address: str,
    recipient: str,
    *,
    action: str = "failed",
    status: str = "5.1.1",
    diagnostic: str = "smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown",
    returned_headers: str = "",
    message_id: str | None = None,
) -> bytes:
    """An RFC 3464 ``multipart/report`` about one recipient, as Postfix would send it."""
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.org>"
    report["To"] = bounce_address
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report["Date"] = formatdate(usegmt=True)
    report["Message-ID"] = message_id or make_msgid(domain="mx.example.org")
    report["Auto-Submitted"] = "auto-replied"
    report.attach(
        MIMEText(
            f"I'm sorry to have to inform you that your message could not\n"
            f"be delivered to one or more recipients.\n\n<{recipient}>\n"
        )
    )
    per_message = Message()
    per_message["Reporting-MTA"] = "dns; mx.example.org"
    per_message["Arrival-Date"] = formatdate(usegmt=True)
    per_recipient = Message()
    per_recipient["Final-Recipient"] = f"rfc822; {recipient}"
    per_recipient["Original-Recipient"] = f"rfc822;{recipient}"
    per_recipient["Action"] = action
    per_recipient["Status"] = status
    per_recipient["Remote-MTA"] = "dns; mail.example.org"
    per_recipient["Diagnostic-Code"] = diagnostic.format(recipient=recipient)
    status_part = MIMEBase("message", "delivery-status")
    status_part.set_payload([per_message, per_recipient])
    report.attach(status_part)
    if returned_headers:
        report.attach(MIMEText(returned_headers, "rfc822-headers"))
    return report.as_bytes(policy=SMTP)


def plain_bounce(bounce_address: str, recipient: str) -> bytes:
    """A bounce in no standard format (qmail's), with no delivery-status part."""
    message = MIMEText(
        "Hi. This is the qmail-send program at mx.example.org.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
        f"<{recipient}>:\nSorry, no mailbox here by that name. (#5.1.1)\n"
    )
    message["From"] = "MAILER-DAEMON@mx.example.org"
    message["To"] = bounce_address
    message["Subject"] = "failure notice"
    message["Message-ID"] = make_msgid(domain="mx.example.org")
    return message.as_bytes(policy=SMTP)
