"""The core: notices, the clause library, git storage, rendering, diffs and checks. No Qt."""
