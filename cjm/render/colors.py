"""Colours that stay readable: WCAG contrast, and the nearest readable shade of a brand colour.

WCAG 2.1 AA asks 4.5:1 for text. The theme colour is drawn as text on white and on its own
pale tint, and white text is drawn on it, so a brand yellow must be darkened before use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TEXT_CONTRAST = 4.5
# Aim a little above the line: browsers and axe round the colours cjm writes as #rrggbb.
_AIM = 4.6
WHITE = "#ffffff"
SOFT_SHARE = 0.9  # the pale tint: the colour mixed with 90 % white


def _channels(color: str) -> tuple[int, int, int]:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _hex(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255, max(0, value))):02x}" for value in channels)


def mix_with_white(color: str, share: float) -> str:
    """`share` of white into the colour (0.9: a pale tint of it)."""
    return _hex(tuple(value + (255 - value) * share for value in _channels(color)))  # type: ignore[arg-type]


def _linear(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _encoded(value: float) -> float:
    value = min(1.0, max(0.0, value))
    return 255 * (12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055)


def luminance(color: str) -> float:
    red, green, blue = (_linear(value) for value in _channels(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def accent_contrast(color: str) -> float:
    """The worst contrast an accent colour meets as cjm uses it: on white and on its own tint."""
    return min(contrast(color, WHITE), contrast(color, mix_with_white(color, SOFT_SHARE)))


# OKLab (Björn Ottosson, 2020): lightness there is perceptual, so changing it alone keeps
# the hue a reader recognises as the brand's.
def _to_oklab(color: str) -> tuple[float, float, float]:
    red, green, blue = (_linear(value) for value in _channels(color))
    long = math.cbrt(0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue)
    medium = math.cbrt(0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue)
    short = math.cbrt(0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue)
    return (
        0.2104542553 * long + 0.7936177850 * medium - 0.0040720468 * short,
        1.9779984951 * long - 2.4285922050 * medium + 0.4505937099 * short,
        0.0259040371 * long + 0.7827717662 * medium - 0.8086757660 * short,
    )


def _from_oklab(lightness: float, a: float, b: float) -> str:
    long = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    medium = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    short = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    red = 4.0767416621 * long - 3.3077115913 * medium + 0.2309699292 * short
    green = -1.2684380046 * long + 2.6097574011 * medium - 0.3413193965 * short
    blue = -0.0041960863 * long - 0.7034186147 * medium + 1.7076147010 * short
    return _hex((_encoded(red), _encoded(green), _encoded(blue)))


def _shade(color: str, lightness: float) -> str:
    """The colour at another OKLab lightness, same hue and chroma (clipped to sRGB)."""
    _, a, b = _to_oklab(color)
    return _from_oklab(lightness, a, b)


@dataclass(frozen=True)
class Readable:
    color: str
    given: str
    given_contrast: float

    @property
    def changed(self) -> bool:
        return self.color != self.given


def readable_accent(color: str) -> Readable:
    """The colour itself when it passes; else the lightest darker shade of it that does.

    Bisection on OKLab lightness: darker always helps here (black passes on white), and
    the lightest passing shade is the nearest one to what the brand asked for.
    """
    given = _hex(_channels(color))
    measured = accent_contrast(given)
    if measured >= TEXT_CONTRAST:
        return Readable(given, given, measured)
    low, high = 0.0, _to_oklab(given)[0]
    for _ in range(24):
        middle = (low + high) / 2
        low, high = (middle, high) if accent_contrast(_shade(given, middle)) >= _AIM else (low, middle)
    return Readable(_shade(given, low), given, measured)
