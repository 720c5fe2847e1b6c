"""A small dataset written by the tests, never seen by the product before."""

from __future__ import annotations

import json
from pathlib import Path

TINY = {
    "organizations.csv": "id,name,classification,parent_id,sources,confidence\n"
                         "city,Riverton,government,,memo.txt:1,stated\n"
                         "parks,Parks Department,department,city,memo.txt:2,stated\n",
    "bodies.csv": "id,name,classification,parent_id,lead_organization_id,capacity,sources,"
                  "confidence\n"
                  "board,Riverton Board,council,,,3,memo.txt:3,stated\n"
                  "green,Green Group,working_group,board,parks,2,memo.txt:4,inferred\n",
    "people.csv": "id,name,category,sources,confidence\n"
                  "ana,Ana,private_citizen,memo.txt:5,stated\n"
                  "ben,Ben,public_official,memo.txt:6,stated\n"
                  "cy,Cy,private_citizen,memo.txt:7,stated\n",
    "memberships.csv": "id,person_id,body_id,role,member_category,start_date,end_date,sources,"
                       "confidence\n"
                       "m1,ana,board,chair,appointed,2020-01-01,2021-12-31,memo.txt:8,stated\n"
                       "m2,ben,board,member,ex_officio,2020-01-01,,memo.txt:9,stated\n"
                       "m3,ana,green,leader,private,2021-06-01,,memo.txt:10,stated\n"
                       "m4,cy,green,member,private,2021-06-01,,memo.txt:11,stated\n",
}


def write_dataset(folder: Path, tables: dict[str, str], name: str = "riverton") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file, content in tables.items():
        (folder / file).write_text(content, encoding="utf-8")
    resources = [{"name": file.removesuffix(".csv"), "path": file} for file in tables]
    (folder / "datapackage.json").write_text(json.dumps({"name": name, "resources": resources}))
    return folder
