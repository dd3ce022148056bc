"""Text -> ExtractedFields: one layout pass, then each field's extractor (candidates -> features -> best).

Order matters once: the name reads the chosen email (agreement with its local part), the phone's E.164 form
reads the chosen location (the region).
"""

from __future__ import annotations

from models.schemas import ExtractedFields, FieldGuess, MessageContext, Text
from tasks import fields_email, fields_location, fields_name, fields_phone
from tasks.fields_education import extract_education
from tasks.fields_links import extract_links
from tasks.fields_skills import extract_skills
from tasks.fields_work import current_role, extract_experience, role_weight
from tasks.lines import read_layout
from tasks.scoring import Scored, calibrate, guess_of


def extract_fields(text: Text, context: MessageContext) -> ExtractedFields:
    """Every field with its calibrated score and reasons."""
    return extract_weighted(text, context)[0]


def extract_weighted(text: Text, context: MessageContext) -> tuple[ExtractedFields, dict[str, float | None]]:
    """The fields plus each key field's (and title's, employer's) summed weight (None when missing): what calibration
    is fitted on."""
    layout = read_layout(text)                                                   # 1. clean lines, sections
    email = fields_email.extract_email(layout, context)                          # 2. contact details
    email_value = email.candidate.value if email else None
    name = fields_name.extract_name(layout, context, email_value, email.candidate.line_no if email else None)
    location = fields_location.extract_location(layout, context, name.candidate.value if name else None,
                                                name.candidate.line_no if name else None)
    phone = fields_phone.extract_phone(layout, context)
    experience = extract_experience(layout, context)                             # 3. history and skills
    title, employer = current_role(experience)

    first, last = _name_guesses(name, email_value)
    phone_guess, e164_guess = _phone_guesses(phone, location, email_value)
    fields = ExtractedFields(
        first_name=first,
        last_name=last,
        email=guess_of(email, "email"),
        phone=phone_guess,
        phone_e164=e164_guess,
        location=guess_of(location, "location"),
        title=title,
        employer=employer,
        links=extract_links(layout, context),
        skills=extract_skills(layout, context),
        education=extract_education(layout, context),
        experience=experience,
    )
    weights = {
        "first_name": name.weight if name else None,
        "last_name": name.weight if name and last.value else None,
        "email": email.weight if email else None,
        "phone": phone.weight if phone else None,
        "phone_e164": phone.weight if phone and e164_guess.value else None,
        "location": location.weight if location else None,
        "title": role_weight(experience) if title.value else None,
        "employer": role_weight(experience) if employer.value else None,
    }
    return fields, weights


def _name_guesses(name: Scored | None, email: str | None) -> tuple[FieldGuess, FieldGuess]:
    if name is None:
        return FieldGuess.missing(), FieldGuess.missing()
    split = fields_name.split_full_name(name.candidate.value, email)
    first_guess = _split_guess(name, "first_name", split.first, split)
    if split.last is None:
        return first_guess, FieldGuess.missing("a one-word name")
    return first_guess, _split_guess(name, "last_name", split.last, split)


def _split_guess(name: Scored, field_name: str, value: str, split: fields_name.NameSplit) -> FieldGuess:
    """The name's guess for one half; no surer than a coin flip when the order of its parts is unknown."""
    guess = guess_of(name, field_name, value)
    if split.order_known:
        return guess
    return FieldGuess(value=value, score=min(guess.score, fields_name.UNKNOWN_ORDER_PROBABILITY),
                      reasons=guess.reasons + (f"uncertain split: {split.reason}",))


def _phone_guesses(phone: Scored | None, location: Scored | None, email: str | None) -> tuple[FieldGuess, FieldGuess]:
    if phone is None:
        return FieldGuess.missing(), FieldGuess.missing()
    region = fields_location.region_of(location.candidate.value) if location else None
    reason = f"region {region} from the location"
    if region is None and (region := fields_location.email_region(email)):
        reason = f"region {region} from the email's country domain"  # 'anna@posteo.de' and '0171 ...'
    e164 = fields_phone.to_e164(phone.candidate.value, region)
    phone_guess = guess_of(phone, "phone")
    if e164 is None:
        return phone_guess, FieldGuess.missing("no country code and the region does not fit the number")
    reason = reason if region else "no location: region US assumed"
    return phone_guess, FieldGuess(value=e164, score=calibrate("phone_e164", phone.weight), reasons=phone_guess.reasons + (reason,))
