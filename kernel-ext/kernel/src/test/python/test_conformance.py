"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against the installed Java kernel.

Every sample attribute the suite reads is filled with Java, so no test is skipped for lack of a sample;
``test_every_sample_is_filled`` guards that.
"""
import unittest

import jupyter_kernel_test

import kernel_env


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = kernel_env.KERNEL_NAME

    @classmethod
    def setUpClass(cls):
        kernel_env.install()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        kernel_env.release(cls, "kc", "km")

    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "Integer.toHex", "matches": {"toHexString("}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "class Point { int x, y; }", "%lsmagic",
                             "for (int i = 0; i < 3; i++) { System.out.println(i); }"]
    incomplete_code_samples = ["void f() {", "for (int i = 0; i < 3; i++) {", "int[] a = {1,", "1 +",
                               "/* a comment"]
    invalid_code_samples = [")", "int x = ;", "\"an unclosed string"]

    # %help (or ?name) answers with a pager payload
    code_page_something = "%help String"

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"con" + "cat"', "result": "concat"},
        {"code": "List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": "new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
    ]

    code_display_data = [
        {"code": 'display("shown with display");', "mime": "text/plain"},
        {"code": "display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]

    # matches exactly one of the code_execute_result inputs
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "String"

    code_clear_output = 'System.out.println("going away"); clearOutput();'

    def test_every_sample_is_filled(self):
        samples = ["code_hello_world", "code_stderr", "completion_samples", "complete_code_samples",
                   "incomplete_code_samples", "invalid_code_samples", "code_page_something",
                   "code_generate_error", "code_execute_result", "code_display_data", "code_history_pattern",
                   "supported_history_operations", "code_inspect_sample", "code_clear_output",
                   "language_name", "file_extension"]
        base = jupyter_kernel_test.KernelTests
        declared = [name for name in vars(base) if name.startswith("code_") or name.endswith("_samples")]
        self.assertEqual(sorted(set(declared) - set(samples)), [], "a sample the suite knows is not listed here")
        for name in samples:
            self.assertTrue(getattr(self, name), f"{name} is empty, so its test would be skipped")


if __name__ == "__main__":
    unittest.main(verbosity=2)
