"""Programme models (centre schema): workshops, tutoring, courses, talks. Built by a later issue."""
