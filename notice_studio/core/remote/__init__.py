"""Team work on one notice, without git: the clause-level three-way merge and review records.

`merge` merges three versions of a notice (the common ancestor, yours and theirs) clause by
clause; `text` merges a clause's text by words; `reviews` reads review records into plain
data and answers whether the draft may be published. The git half lives in
`notice_studio.core.notice.store_remote`.
"""
