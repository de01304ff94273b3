"""Writes the whole directory as Open Referral UK data."""

import json

from django.core.management.base import BaseCommand, CommandError

from community.openreferral.exporting import export_page, export_zip, resources_to_export


class Command(BaseCommand):
    help = "Exports the directory as Open Referral UK JSON, or as a zip of its CSV tables."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--output", metavar="PATH", help="Where to write it; JSON goes to the screen without"
        )

    def handle(self, *args, format: str, output: str | None, **options):
        resources = resources_to_export().iterator(chunk_size=2000)
        if format == "csv":
            if not output:
                raise CommandError("Say where to write the zip of CSV files with --output")
            content = export_zip(resources)
        else:
            text = json.dumps(export_page(resources), ensure_ascii=False, indent=1)
            if not output:
                self.stdout.write(text)
                return
            content = text.encode()
        with open(output, "wb") as file:
            file.write(content)
        self.stdout.write(f"Written to {output}")
