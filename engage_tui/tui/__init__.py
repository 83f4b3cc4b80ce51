"""The Textual front end: screens over the same domain calls as the command line."""
