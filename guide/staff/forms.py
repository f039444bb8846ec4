"""Staff forms; Flask-WTF puts a CSRF token in each and checks it on submit.

Labels are written in the templates, where `_()` translates them per request.
"""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class LogoutForm(FlaskForm):
    """Only the CSRF token: signing out is a POST, so a link elsewhere cannot do it."""
