"""The nbgrader round trip on the exercises, through the JJava kernel, with the points checked.

For each exercise with a file tools/grading/submissions/<notebook>.json it builds a course directory
(target/grading/course, with tools/grading/nbgrader_config.py) and runs what an instructor runs:

  nbgrader db student import ...        one student per simulated submission
  nbgrader generate_assignment A        the solution notebook -> release/A (solutions and hidden cases removed)
  nbgrader release_assignment A         release/A -> the exchange (target/grading/exchange)
  (the submissions)                     the released notebook with the student's code in its solution
                                        cells, written where `nbgrader collect` puts it: submitted/<student>/A
  nbgrader autograde A                  runs every submission through the kernel `java`, scores the test cells
  nbgrader generate_feedback A          feedback/<student>/A/<notebook>.html
  nbgrader export                       grades.csv

and then checks, for every submission, the points of every graded cell against the JSON file's "points",
and that the feedback HTML contains each of its "feedback" texts (the check's diagnosis). It also checks
that the released notebook holds no solution code and no hidden case. nbgrader's own output goes to
target/grading/logs/; this prints one line per submission and closes with 'grading: N passed, N failed'
(exit status 1 if any failed).

Usage (with the venv of bin/lab --setup-only, after mvn package):
  .venv-lab/bin/python tools/grading/roundtrip.py [NOTEBOOK_NAME ...] [--out DIR]
  e.g. .venv-lab/bin/python tools/grading/roundtrip.py 04-adam
"""
import argparse
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "tools", "grading")
SOLUTIONS = os.path.join(ROOT, "notebooks", "exercises", "solutions")


def nbgrader(course, logs, name, *args):
    """Runs `nbgrader ARGS` in the course directory; its output goes to logs/NAME.log."""
    exe = os.path.join(os.path.dirname(sys.executable), "nbgrader")
    log = os.path.join(logs, name + ".log")
    with open(log, "w") as f:
        rc = subprocess.call([exe, *args], cwd=course, stdout=f, stderr=subprocess.STDOUT)
    if rc != 0:
        with open(log) as f:
            tail = f.read()[-3000:]
        raise RuntimeError(f"nbgrader {' '.join(args)} failed (exit {rc}); {os.path.relpath(log, ROOT)}:\n{tail}")


def solution_code(nb, grade_id):
    """The solution cell's code without the BEGIN/END SOLUTION marker lines."""
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return "\n".join(l for l in cell.source.split("\n") if "BEGIN SOLUTION" not in l and "END SOLUTION" not in l)
    raise KeyError(f"no cell with grade_id {grade_id}")


def leaks(released, solution):
    """Solution code or hidden cases that survived generate_assignment."""
    found = []
    for cell in solution.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not (meta.get("solution") or "HIDDEN TESTS" in cell.source):
            continue
        gid = meta.get("grade_id")
        rel = next((c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade_id") == gid), None)
        if rel is None:
            found.append(f"cell {gid} missing from the release")
            continue
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "checkAnyHidden"):
            if marker in rel.source:
                found.append(f"cell {gid} of the release still contains {marker!r}")
    return found


def grades(course, assignment, notebook):
    """{student: {grade_id: (score, max_score)}} from the gradebook."""
    from nbgrader.api import Gradebook
    out = {}
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        for sub in gb.assignment_submissions(assignment):
            nb = gb.find_submission_notebook(os.path.splitext(notebook)[0], assignment, sub.student.id)
            out[sub.student.id] = {g.name: (g.score, g.max_score) for g in nb.grades}
    return out


def run_exercise(spec_path, course, exchange, logs):
    spec = json.load(open(spec_path))
    assignment, notebook = spec["assignment"], spec["notebook"]
    solution = nbformat.read(os.path.join(SOLUTIONS, notebook), as_version=4)
    source_dir = os.path.join(course, "source", assignment)
    os.makedirs(source_dir)
    shutil.copy(os.path.join(SOLUTIONS, notebook), source_dir)
    students = os.path.join(course, f"students-{assignment}.csv")
    with open(students, "w") as f:
        f.write("id,first_name,last_name\n" + "".join(f"{s['student']},simulated,{s['student']}\n"
                                                      for s in spec["submissions"]))
    nbgrader(course, logs, f"{assignment}-students", "db", "student", "import", students)
    nbgrader(course, logs, f"{assignment}-generate", "generate_assignment", assignment, "--force")
    nbgrader(course, logs, f"{assignment}-release", "release_assignment", assignment, "--force",
             f"--Exchange.root={exchange}")
    released = nbformat.read(os.path.join(course, "release", assignment, notebook), as_version=4)
    problems = [f"release: {p}" for p in leaks(released, solution)]

    for s in spec["submissions"]:
        nb = nbformat.read(os.path.join(course, "release", assignment, notebook), as_version=4)
        cells = s["cells"]
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("solution") or cell.cell_type != "code":
                continue
            gid = meta["grade_id"]
            if cells == "solution":
                cell.source = solution_code(solution, gid)
            elif gid in cells:
                cell.source = "\n".join(cells[gid])
            else:   # a part this student got right: the solution's code
                cell.source = solution_code(solution, gid)
        target = os.path.join(course, "submitted", s["student"], assignment)
        os.makedirs(target)
        nbformat.write(nb, os.path.join(target, notebook))
        with open(os.path.join(target, "timestamp.txt"), "w") as f:
            f.write(time.strftime("%Y-%m-%d %H:%M:%S.000000 UTC", time.gmtime()))

    start = time.monotonic()
    nbgrader(course, logs, f"{assignment}-autograde", "autograde", assignment, "--force")
    autograde_s = time.monotonic() - start
    nbgrader(course, logs, f"{assignment}-feedback", "generate_feedback", assignment, "--force")
    got = grades(course, assignment, notebook)

    results = []
    for s in spec["submissions"]:
        student = s["student"]
        mine = got.get(student, {})
        bad = list(problems) if s is spec["submissions"][0] else []
        for gid, expected in s["points"].items():
            score = mine.get(gid, (None, None))[0]
            if score is None or abs(score - expected) > 1e-9:
                bad.append(f"{gid}: {score} points, expected {expected}")
        feedback = os.path.join(course, "feedback", student, assignment, os.path.splitext(notebook)[0] + ".html")
        if not os.path.isfile(feedback):
            bad.append(f"no feedback {os.path.relpath(feedback, ROOT)}")
        else:
            text = html.unescape(open(feedback, encoding="utf-8").read())
            for want in s["feedback"]:
                if want not in text:
                    bad.append(f"feedback lacks {want!r}")
        total = sum(v[0] or 0 for v in mine.values())
        top = sum(v[1] for v in mine.values())
        cells = ", ".join(f"{gid} {mine[gid][0]:g}/{mine[gid][1]:g}" for gid in mine)
        results.append((assignment, student, total, top, cells, bad))
    return results, autograde_s


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", help="notebook names with a submissions file (default: all of them)")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "grading"))
    args = ap.parse_args()
    specs = sorted(glob.glob(os.path.join(HERE, "submissions", "*.json")))
    if args.notebooks:
        specs = [os.path.join(HERE, "submissions", n + ".json") for n in args.notebooks]
    os.environ["DESCENT_QUICK"] = "1"
    # nbgrader's gradebook runs `alembic` by name: the venv's bin must come first on PATH
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    os.environ.setdefault("DJL_OFFLINE", "true")
    os.environ.setdefault("OPT_OUT_TRACKING", "true")

    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    course, exchange, logs = (os.path.join(out, d) for d in ("course", "exchange", "logs"))
    for d in (course, exchange, logs):
        os.makedirs(d)
    shutil.copy(os.path.join(HERE, "nbgrader_config.py"), course)
    print(f"grading: course directory {os.path.relpath(course, ROOT)}/, nbgrader logs in {os.path.relpath(logs, ROOT)}/")

    passed = failed = 0
    for spec in specs:
        start = time.monotonic()
        try:
            results, autograde_s = run_exercise(spec, course, exchange, logs)
        except Exception as e:  # nbgrader failed: the whole exercise fails
            print(f"FAIL {os.path.basename(spec)}: {e}")
            failed += 1
            continue
        for assignment, student, total, top, cells, bad in results:
            print(f"{'FAIL' if bad else 'ok':4} {assignment:18} {student:20} {total:g}/{top:g} points ({cells})")
            for b in bad:
                print(f"     {b}")
            failed += bool(bad)
            passed += not bad
        print(f"     {os.path.basename(spec)}: {time.monotonic() - start:.1f} s (autograde of "
              f"{len(results)} submissions {autograde_s:.1f} s)")
    nbgrader(course, logs, "export", "export", "--to", os.path.join(out, "grades.csv"))
    print(f"grades: {os.path.relpath(os.path.join(out, 'grades.csv'), ROOT)}")
    print(f"grading: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
