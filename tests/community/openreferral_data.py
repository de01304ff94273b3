"""Open Referral UK data for the tests: the demo directory (written by hand, not by
this app's export) and a small tabular directory, both easy to break on purpose."""

import copy
import io
import json
import zipfile
from pathlib import Path

from community.openreferral.importing import ImportReport, import_directory
from community.openreferral.reading import Upload

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "demo" / "openreferral" / "leeds-directory.json"
SCHEMA = ROOT / "community" / "openreferral" / "schema"
# The published copy beside the project, when there is one; the vendored copy otherwise.
PUBLISHED = ROOT.parent / "shared" / "openreferral-uk" / "schema"


def published_schema(name: str) -> dict:
    path = PUBLISHED / name if (PUBLISHED / name).exists() else SCHEMA / name
    return json.loads(path.read_text())


def sample_page() -> dict:
    return json.loads(SAMPLE.read_text())


def sample_services() -> list[dict]:
    return copy.deepcopy(sample_page()["contents"])


def json_upload(data, name: str = "directory.json") -> Upload:
    return Upload(name, json.dumps(data).encode())


def content_of(upload: Upload) -> bytes:
    with upload.open() as file:
        return file.read()


def zip_upload(files: dict[str, str], name: str = "directory.zip") -> Upload:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file_name, text in files.items():
            archive.writestr(file_name, text)
    return Upload(name, buffer.getvalue())


def csv_uploads(files: dict[str, str]) -> list[Upload]:
    return [Upload(name, text.encode()) for name, text in files.items()]


def run(uploads, *, by=None, dry_run: bool = False) -> ImportReport:
    return import_directory(
        uploads if isinstance(uploads, list) else [uploads], by=by, dry_run=dry_run
    )


ORG = "1b0e9f8a-1111-4c1d-9e7a-000000000001"
SERVICE = "1b0e9f8a-2222-4c1d-9e7a-000000000002"
LOCATION = "1b0e9f8a-3333-4c1d-9e7a-000000000003"
TERM = "1b0e9f8a-4444-4c1d-9e7a-000000000004"
CONTACT = "1b0e9f8a-5555-4c1d-9e7a-000000000005"


def _ids(letter: str) -> str:
    return f"1b0e9f8a-{letter * 4}-4c1d-9e7a-00000000000{letter}"


def _csv(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def tabular_files() -> dict[str, str]:
    """One service in the tabular form, with an organisation, place, contact and category."""
    return {
        "organizations.csv": _csv("id,name,description", f"{ORG},Bramley Baths,A bathhouse"),
        "services.csv": _csv(
            "id,organization_id,name,description,status,email,url,assured_date,minimum_age",
            f"{SERVICE},{ORG},Aqua aerobics,Gentle exercise in warm water,active,"
            "swim@bramley.example.org,https://bramley.example.org,2026-01-15,50",
        ),
        "locations.csv": _csv("id,location_type,name", f"{LOCATION},physical,Bramley Baths"),
        "service_at_location.csv": _csv(
            "id,service_id,location_id", f"{_ids('a')},{SERVICE},{LOCATION}"
        ),
        "address.csv": _csv(
            "id,location_id,address_1,city,state_province,postal_code,country,address_type",
            f"{_ids('b')},{LOCATION},Broad Lane,Leeds,,LS13 3DF,GB,physical",
        ),
        "contacts.csv": _csv("id,service_id,name", f"{CONTACT},{SERVICE},Reception"),
        "phones.csv": _csv("id,contact_id,number", f"{_ids('c')},{CONTACT},0113 496 0789"),
        "schedule.csv": _csv(
            "id,service_id,freq,byday,opens_at,closes_at",
            f'{_ids("d")},{SERVICE},WEEKLY,"WE,FR",10:00,11:00',
        ),
        "cost_options.csv": _csv(
            "id,service_id,amount,amount_description", f"{_ids('e')},{SERVICE},3.5,£3.50 a session"
        ),
        "taxonomy_terms.csv": _csv("id,name,description", f"{TERM},Physical activity,Sport"),
        "attribute.csv": _csv(
            "id,link_id,link_type,link_entity,taxonomy_term_id",
            f"{_ids('f')},{SERVICE},service,service,{TERM}",
        ),
    }


def _flagged(content: bytes, bits: int) -> bytes:
    """The zip with general-purpose flag bits set on its first member, in both its headers."""
    data = bytearray(content)
    for signature, offset in [(b"PK\x03\x04", 6), (b"PK\x01\x02", 8)]:
        at = data.index(signature) + offset
        flags = int.from_bytes(data[at : at + 2], "little") | bits
        data[at : at + 2] = flags.to_bytes(2, "little")
    return bytes(data)


def damaged_zips() -> dict[str, bytes]:
    """Zips that open, but whose members cannot be read, each in its own way."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("services.csv", "id,name\n" + "x,y\n" * 50)
    content = buffer.getvalue()
    start = content.index(b"services.csv") + len("services.csv")
    garbled = content[:start] + bytes(b ^ 0xFF for b in content[start : start + 4])
    return {
        "encrypted": _flagged(content, 0x0001),
        "a name that is not the UTF-8 it says": _flagged(content, 0x0800).replace(
            b"services.csv", b"servic\xff\xfe.csv"
        ),
        "garbled compressed data": garbled + content[start + 4 :],
    }


def many_tables(copies: int) -> dict[str, str]:
    """The small tabular directory `copies` times over, each copy's ids its own."""
    import csv
    import uuid

    tables: dict[str, str] = {}
    for name, text in tabular_files().items():
        rows = list(csv.DictReader(io.StringIO(text)))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        for copy_number in range(copies):
            for row in rows:
                writer.writerow(
                    {
                        column: str(uuid.uuid5(uuid.NAMESPACE_URL, f"{value}/{copy_number}"))
                        if value and (column == "id" or column.endswith("_id"))
                        else value
                        for column, value in row.items()
                    }
                )
        tables[name] = out.getvalue()
    return tables
