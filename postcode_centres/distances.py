"""Points on the Earth and how far apart they are: near enough for "within a mile"."""

import math
from dataclasses import dataclass

EARTH_RADIUS_METRES = 6_371_000
METRES_PER_DEGREE = 2 * math.pi * EARTH_RADIUS_METRES / 360


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    def metres_to(self, other: "Point") -> float:
        """The distance along the Earth's surface (haversine), in metres."""
        lat1, lat2 = math.radians(self.latitude), math.radians(other.latitude)
        across = math.radians(other.longitude - self.longitude)
        up = lat2 - lat1
        a = math.sin(up / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(across / 2) ** 2
        return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(a)))

    def box(self, metres: float) -> tuple[float, float, float, float]:
        """The latitudes and longitudes (south, north, west, east) of a box around the point
        that holds every point within `metres` of it: what a database can filter on first."""
        # A thousandth wider: along a parallel is a little longer than the shortest way.
        up = metres * 1.001 / METRES_PER_DEGREE
        across = up / max(math.cos(math.radians(self.latitude)), 0.01)
        return (
            self.latitude - up,
            self.latitude + up,
            self.longitude - across,
            self.longitude + across,
        )
