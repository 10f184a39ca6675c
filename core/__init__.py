"""Domain code shared by the API and the workers: settings, database, models and business rules."""
