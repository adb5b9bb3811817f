"""Portal invitations and the end of someone's portal access: a coordinator or a partner administrator
invites a person by email (a signed, single-use link, 7 days), and ends a membership (`membership_deactivate`)."""
