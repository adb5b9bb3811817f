"""One seeder per app: each turns its module of demo/data/ into rows through that app's services, and
returns what later seeders need, keyed by the data's names. `seed_demo` calls them in order."""
