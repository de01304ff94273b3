"""The one place that ties Django forms to the GOV.UK Design System."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit


class GDSForm:
    """Mix into a form to render it with crispy-forms-gds and a submit button.

    Set `submit_label` to change the button's text, `layout_fields` to give
    the order and styling of fields (a crispy Layout's children), and
    `form_tag = False` for a form that a template wraps in its own <form>.
    """

    submit_label = "Continue"
    form_tag = True
    label_size = Size.SMALL
    legend_size = Size.SMALL

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = self.form_tag
        self.helper.label_size = self.label_size
        self.helper.legend_size = self.legend_size
        self.helper.layout = Layout(*self.get_layout_fields())
        if self.submit_label:
            self.helper.layout.append(Submit("submit", self.submit_label))

    def get_layout_fields(self) -> list:
        return list(getattr(self, "layout_fields", None) or self.fields)
