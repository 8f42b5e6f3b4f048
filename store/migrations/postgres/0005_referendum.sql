-- The referendum's tables come with its own migration of this number.
SELECT 1;
