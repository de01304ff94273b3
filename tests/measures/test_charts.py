"""The charts' coordinates, written in Python as the template's floatformat filter wrote them."""

import pytest
from django.template.defaultfilters import floatformat

from measures.charts import in_svg


@pytest.mark.parametrize("value", [0.0, 1.0, 20.0, 71.25, 0.05, 2.675, 569.9999, 3420.0, 1234.55])
def test_it_writes_a_coordinate_as_floatformat_did(value):
    assert in_svg(value) == floatformat(value, 1)
    assert in_svg(value, places=0) == floatformat(value, 0)
