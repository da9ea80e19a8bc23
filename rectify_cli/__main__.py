"""`python -m rectify_cli`, and what the `rectify` command should run (`rectify_cli.__main__:run`).

Ctrl-C ends rectify with "rectify: interrupted" and exit code 130 at any moment: cli.main says
so once it runs, but loading the modules before it takes a good part of a second (more on a
cold disk), and an interrupt then would print a Python traceback.
"""
import sys


def run() -> None:
    try:
        from .cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("rectify: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    run()
