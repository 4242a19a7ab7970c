"""The author-date Harvard style (Cite Them Right) as a pybtex style plugin."""
