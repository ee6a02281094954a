from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Municipality, User
from .roles import MUNICIPAL_ROLES, Role


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "phase", "authority", "attendance_shared_with_caseworkers", "routines_established"]
    prepopulated_fields = {"slug": ["name"]}


class AdditionalRolesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(choices=[(role.value, role.label) for role in Role if role in MUNICIPAL_ROLES],
                         widget=forms.CheckboxSelectMultiple, required=False,
                         label=_("Additional roles"), **kwargs)


class StaffForm(UserChangeForm):
    additional_roles = AdditionalRolesField()

    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class StaffAdmin(UserAdmin):
    form = StaffForm
    list_display = ["username", "first_name", "last_name", "role", "municipality", "is_active"]
    list_filter = ["role", "municipality", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("NExTWORK", {"fields": ["role", "additional_roles", "municipality"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("NExTWORK", {"fields": ["role", "municipality"]}),)
