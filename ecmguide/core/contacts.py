"""Phone numbers, SMS short codes and e-mail addresses: parsed by maintained libraries, never by our own patterns.

A contact reaches readers as a live link (tel:, sms:, mailto:) on the site and in every handout, so a
value must be exactly one number or one address: no query string smuggled into a mailto: link, no
letters dialled as digits, no second number hidden in a label.
"""

from __future__ import annotations

import re

import email_validator
import phonenumbers

REGION = "US"  # numbers without +country are read as North American (the states and territories share +1)
MAX_PHONE = 40
SHORT_CODE = re.compile(r"[0-9]{3,8}")  # fullmatch: US SMS short codes are 5 or 6 digits; a few services use 3 to 8


class ContactError(ValueError):
    """The value is not a usable contact; the message says what to write instead."""


def parse_phone(text: str) -> phonenumbers.PhoneNumber:
    if len(text) > MAX_PHONE:
        raise ContactError(f"is {len(text)} characters; a phone number is at most {MAX_PHONE}")
    if any(ch.isalpha() for ch in re.sub(r"(?i)\b(ext\.?|extension|x)\s*(?=\d)", "", text)):
        raise ContactError(
            "has letters; write the digits (e.g. 1-800-356-9377), and put a vanity spelling such as "
            "1-800-FLOWERS in the label, not the number"
        )
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException as exc:
        raise ContactError(
            f"is not a phone number ({str(exc).split(') ', 1)[-1].rstrip('.')}); write it like (877) 322-5227"
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ContactError(
            "is not a dialable phone number (a full number with its area code, e.g. (877) 322-5227); "
            "an SMS short code goes in its own field, sms"
        )
    return number


def tel_uri(text: str) -> str:
    """tel:+18773225227 (RFC 3966, E.164), with ;ext= where the number has an extension."""
    number = parse_phone(text)
    uri = "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return uri + (f";ext={number.extension}" if number.extension else "")


def check_short_code(text: str) -> str:
    if not SHORT_CODE.fullmatch(text):
        raise ContactError("is not an SMS short code; write its digits only, e.g. 233733")
    return text


def sms_uri(code: str) -> str:
    return "sms:" + check_short_code(code)


def check_email(text: str) -> str:
    """The normalised address; refuses anything that is not exactly one address (no ?cc=, no &body=)."""
    try:
        return email_validator.validate_email(text, check_deliverability=False).normalized
    except email_validator.EmailNotValidError as exc:
        raise ContactError(
            f"is not an e-mail address ({str(exc).rstrip('.')}); write one address, e.g. coordinator@example.org"
        ) from None
