"""Each user's notifications and reminder settings, for coordinators and (through pages) the portal."""
