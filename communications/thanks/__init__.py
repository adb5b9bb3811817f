"""Thank-you notes: a feature package (services, selectors, emails, tasks, forms, views, links)."""
