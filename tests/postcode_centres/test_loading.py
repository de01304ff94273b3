"""Postcode centre points, loaded by the council from the ONS Postcode Directory."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from postcode_centres.distances import Point
from postcode_centres.loading import NotACentresFile, centres_load
from postcode_centres.models import PostcodeCentre
from postcode_centres.selectors import centre_of

# As the ONS Postcode Directory lays out its rows (some of its many columns).
ONSPD = """pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long
LS6 3HN,LS6  3HN,LS6 3HN,198001,,428000,436000,53.822000,-1.576000
LS163JZ,LS16 3JZ,LS16 3JZ,198001,,427000,438000,53.840000,-1.590000
ZZ991ZZ,ZZ99 1ZZ,ZZ99 1ZZ,198001,,,,99.999999,0.000000
"""


def load(text: str):
    return centres_load(io.StringIO(text))


def test_it_loads_the_ons_postcode_directory(db):
    report = load(ONSPD)
    assert (report.loaded, report.skipped, report.problems) == (2, 1, [])
    assert centre_of("ls163jz") == Point(53.84, -1.59)
    # Without a grid reference, a postcode is not on the map.
    assert centre_of("ZZ99 1ZZ") is None


def test_loading_again_updates_and_adds_nothing_twice(db):
    load(ONSPD)
    load("postcode,latitude,longitude\nls6 3hn,53.8225,-1.5765\n")
    assert PostcodeCentre.objects.count() == 2
    centre = PostcodeCentre.objects.get(postcode="LS6 3HN")
    assert (centre.latitude, centre.longitude) == (Decimal("53.822500"), Decimal("-1.576500"))


def test_rows_that_are_not_postcodes_and_points_are_skipped_and_said(db):
    report = load(
        "pcds,lat,long\n"
        ",53.8,-1.5\n"
        "LS6 3HN,north,-1.5\n"
        "LS6 3HP,95,-1.5\n"
        "LS6 3HQ,NaN,-1.5\n"
        "LS6 3HR,53.8,-1.5\n"
    )
    assert (report.loaded, report.skipped) == (1, 4)
    assert report.problems == [
        "Row 2: '' is not a postcode",
        "Row 3: LS6 3HN has no latitude and longitude",
        "Row 4: LS6 3HP has no latitude and longitude",
        "Row 5: LS6 3HQ has no latitude and longitude",
    ]


def test_a_file_without_the_columns_is_refused_and_loads_nothing(db):
    with pytest.raises(NotACentresFile, match="no column named lat or latitude"):
        load("pcds,easting,northing\nLS6 3HN,428000,436000\n")
    assert not PostcodeCentre.objects.exists()


def test_the_command_says_what_it_loaded(db, tmp_path):
    path = tmp_path / "ONSPD.csv"
    path.write_text(ONSPD, encoding="utf-8-sig")
    out = io.StringIO()
    call_command("postcode_centres_load", str(path), stdout=out)
    assert "2 postcode centres loaded, 1 rows skipped" in out.getvalue()
    with pytest.raises(CommandError, match="missing.csv"):
        call_command("postcode_centres_load", str(tmp_path / "missing.csv"))


def test_distances_are_measured_along_the_earth():
    leeds, york = Point(53.7996, -1.5491), Point(53.9590, -1.0815)
    assert 35_000 < leeds.metres_to(york) < 36_000  # 22 miles as the crow flies
    assert leeds.metres_to(leeds) == 0
    south, north, west, east = leeds.box(1000)
    assert south < leeds.latitude < north and west < leeds.longitude < east
    # The box holds every point within the distance: due north and due east of it.
    assert Point(north, leeds.longitude).metres_to(leeds) == pytest.approx(1000, rel=0.002)
    assert Point(leeds.latitude, east).metres_to(leeds) >= 1000
