# Invitations to sign up for a municipality (issue 17, helper h6).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gemeenten", "0003_partner_email_domain"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Uitnodiging',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mailadres')),
                ('name', models.CharField(blank=True, max_length=150, verbose_name='naam')),
                ('role', models.CharField(choices=[('collega', 'collega'), ('coordinator', 'coördinator')], default='collega', max_length=12, verbose_name='rol')),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True, verbose_name='token (SHA-256)')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='verstuurd op')),
                ('expires_at', models.DateTimeField(verbose_name='verloopt op')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='aangenomen op')),
                ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='aangenomen door')),
                ('deelname', models.ForeignKey(blank=True, help_text='Bij een uitnodiging als coördinator: voor welke leerkring.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='uitnodigingen', to='gemeenten.deelname', verbose_name='deelname')),
                ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='uitnodigingen', to='gemeenten.gemeente', verbose_name='gemeente')),
                ('invited_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uitgenodigd door')),
            ],
            options={
                'verbose_name': 'uitnodiging',
                'verbose_name_plural': 'uitnodigingen',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['invited_by', 'created_at'], name='gemeenten_u_invited_d0332c_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('role__in', ['collega', 'coordinator'])), name='gemeenten_uitnodiging_role_valid'), models.CheckConstraint(condition=models.Q(('role', 'collega'), ('deelname__isnull', False), _connector='OR'), name='gemeenten_uitnodiging_coordinator_has_deelname')],
            },
        ),
    ]
