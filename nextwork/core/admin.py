from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Municipality, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "phase", "target_min_age", "target_max_age", "routines_established"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "municipality", "is_active"]
    list_filter = ["role", "municipality", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("NExTWORK", {"fields": ["role", "municipality"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("NExTWORK", {"fields": ["role", "municipality"]}),)
