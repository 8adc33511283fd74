"""English formats, over Django's own: the same time input formats as in French (eig/formats/fr), and
date-times shown with their time zone, always Paris."""

from eig.formats.fr.formats import TIME_INPUT_FORMATS as TIME_INPUT_FORMATS

DATETIME_FORMAT = r"N j, Y, H:i \(\P\a\r\i\s \t\i\m\e\)"
