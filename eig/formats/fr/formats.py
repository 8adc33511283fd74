"""French formats, over Django's own (django/conf/locale/fr/formats.py): times are typed as the French
write them (« 23h59 », « 23h ») and every date-time shown by Django's localisation (the admin's
read-only fields and lists) names its time zone, always Paris."""

# The first one is what the admin's "Maintenant" button types: whole minutes, as the admin stores them.
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H:%M:%S.%f", "%Hh%M", "%Hh", "%H h %M", "%H h"]
DATETIME_FORMAT = r"j F Y à H:i \(\h\e\u\r\e \d\e \P\a\r\i\s\)"
