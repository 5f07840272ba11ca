# nbgrader settings for a course made of the descent exercises (tools/grading/roundtrip.py copies this file
# into the course directory; docs/grading.md explains each step). The exchange root and the course root
# are given on the command line or by the JupyterHub setup, never here.
c = get_config()  # noqa: F821 (provided by nbgrader when it loads the file)

c.CourseDirectory.course_id = "descent"
# The notebooks run on the JJava kernel (kernelspec `java`, language "java"): nbgrader has no stub for Java,
# so a solution region becomes the same two lines as in the generated student versions (StudentVersion).
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("TODO: your code here");'
}
# Hidden cases sit between these markers, written as Java comments (the default markers, spelled out).
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
# The kernel's start (a JVM with the library on its class path) plus a check takes seconds; a DJL training
# exercise a few tens of seconds. Generous limits, so that only a student's endless loop times out.
c.Execute.timeout = 300
c.Execute.startup_timeout = 120
